import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { hasBridge } from './lib/parley';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/onboarding.css';
import './styles/messages.css';
import './styles/answers.css';
import './styles/banners.css';
import './styles/settings.css';
import './styles/sidebar.css';
import './styles/search.css';
import './styles/toasts.css';

/**
 * Entry point. Without the bridge (the page opened outside Parley) there is
 * nothing the UI could do, so it says so instead of failing on first use.
 */
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {hasBridge() ? (
        <App />
      ) : (
        <main className="splash">
          <p role="alert">Parley’s window must be opened by the Parley app.</p>
        </main>
      )}
    </StrictMode>,
  );
}
