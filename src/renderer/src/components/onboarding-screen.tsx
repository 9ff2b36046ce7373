import type { ReactNode } from 'react';
import type { KeyStatus } from '../../../shared/ipc';
import { SESSION_ONLY_NOTICE } from '../lib/key-text';
import { parley } from '../lib/parley';
import { InfoIcon, KeyIcon, ParleyMark } from './icons';
import { KeyForm, type KeySaved } from './key-form';

const CONSOLE_KEYS_URL = 'https://console.anthropic.com/settings/keys';

/**
 * The first thing a new person sees: what Parley needs (their own API key),
 * where to get one, where it will be kept, and the one field to paste it in.
 */
export function OnboardingScreen({
  status,
  onSaved,
}: {
  status: KeyStatus;
  onSaved: (saved: KeySaved) => void;
}): ReactNode {
  const openConsole = (): void => {
    void parley().openExternal({ url: CONSOLE_KEYS_URL });
  };

  return (
    <main className="onboarding">
      <section className="onboarding-card" aria-labelledby="welcome-title">
        <ParleyMark size={44} />
        <h1 id="welcome-title" className="onboarding-title">
          Welcome to Parley
        </h1>
        <p className="onboarding-lead">
          Chat with Claude from your desktop. Parley talks to Claude with your own Anthropic API
          key, so you need one to begin.
        </p>
        <ol className="onboarding-steps">
          <li>
            Open the{' '}
            <button type="button" className="link-button" onClick={openConsole}>
              Anthropic Console
            </button>{' '}
            and sign in.
          </li>
          <li>
            Under <strong>API keys</strong>, create a key and copy it.
          </li>
          <li>Paste it below and press Save.</li>
        </ol>
        <KeyForm onSaved={onSaved} autoFocus />
        {status.keychainAvailable ? (
          <p className="onboarding-privacy">
            <KeyIcon />
            <span>
              Your key is stored in your system keychain and is only ever sent to Anthropic.
            </span>
          </p>
        ) : (
          <p className="notice notice-info">
            <InfoIcon />
            <span>{SESSION_ONLY_NOTICE}</span>
          </p>
        )}
      </section>
    </main>
  );
}
