/**
 * Hostile markdown: things a model could be tricked into writing (prompt
 * injection, pasted web content) that try to get script, event handlers,
 * remote loads or dangerous URLs into the rendered message. Shared by the
 * unit tests (static markup) and the Chromium e2e test (the live DOM), so it
 * is plain data with no imports.
 */
export interface XssCase {
  readonly name: string;
  readonly markdown: string;
}

/** Raw HTML in every shape: it must show as text, never as elements. */
const rawHtml: readonly XssCase[] = [
  { name: 'script tag', markdown: '<script>alert(1)</script>' },
  { name: 'script tag uppercase with src', markdown: '<SCRIPT SRC=//evil.example/x.js></SCRIPT>' },
  {
    name: 'script inline in text',
    markdown: 'Hello <script>alert(document.cookie)</script> world',
  },
  { name: 'img onerror', markdown: '<img src=x onerror=alert(1)>' },
  { name: 'img onerror quoted', markdown: '<img src="x" onerror="alert(1)">' },
  { name: 'img javascript src', markdown: '<img src="javascript:alert(1)">' },
  { name: 'img eval alt', markdown: '<img src=x:alert(alt) onerror=eval(src) alt=0>' },
  { name: 'svg onload', markdown: '<svg onload=alert(1)>' },
  { name: 'svg slash onload', markdown: '<svg/onload=alert(1)>' },
  { name: 'svg script', markdown: '<svg><script>alert(1)</script></svg>' },
  {
    name: 'svg animate href',
    markdown:
      '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>x</text></a></svg>',
  },
  { name: 'iframe javascript', markdown: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: 'iframe srcdoc', markdown: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: 'object data', markdown: '<object data="javascript:alert(1)"></object>' },
  { name: 'embed data url', markdown: '<embed src="data:text/html,<script>alert(1)</script>">' },
  { name: 'anchor javascript', markdown: '<a href="javascript:alert(1)">click</a>' },
  { name: 'anchor onclick', markdown: '<a href=https://example.com onclick=alert(1)>click</a>' },
  { name: 'div style url', markdown: '<div style="background:url(javascript:alert(1))">x</div>' },
  {
    name: 'p style and onmouseover',
    markdown: '<p style="color:red" onmouseover="alert(1)">hover</p>',
  },
  {
    name: 'style element',
    markdown: '<style>body{background:url(https://evil.example/t.png)}</style>',
  },
  { name: 'link stylesheet', markdown: '<link rel=stylesheet href=https://evil.example/x.css>' },
  {
    name: 'meta refresh',
    markdown: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  },
  { name: 'base href', markdown: '<base href="javascript:alert(1)//">' },
  {
    name: 'form action',
    markdown: '<form action="javascript:alert(1)"><button>go</button></form>',
  },
  { name: 'button formaction', markdown: '<button formaction=javascript:alert(1)>go</button>' },
  { name: 'input autofocus onfocus', markdown: '<input autofocus onfocus=alert(1)>' },
  {
    name: 'details ontoggle',
    markdown: '<details open ontoggle=alert(1)><summary>x</summary></details>',
  },
  { name: 'body onload', markdown: '<body onload=alert(1)>' },
  { name: 'video source onerror', markdown: '<video><source onerror=alert(1)></video>' },
  { name: 'audio onerror', markdown: '<audio src=x onerror=alert(1)>' },
  { name: 'marquee onstart', markdown: '<marquee onstart=alert(1)>x</marquee>' },
  {
    name: 'math mglyph style',
    markdown: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  },
  { name: 'comment breakout', markdown: '<!--<img src="--><img src=x onerror=alert(1)//">' },
  { name: 'cdata', markdown: '<![CDATA[<script>alert(1)</script>]]>' },
  { name: 'split script', markdown: '<scr<script>ipt>alert(1)</scr</script>ipt>' },
  {
    name: 'html block with markdown',
    markdown: '<div>\n\n**bold** <img src=x onerror=alert(1)>\n\n</div>',
  },
  { name: 'textarea breakout', markdown: '<textarea><img src=x onerror=alert(1)></textarea>' },
  { name: 'bold with handler', markdown: 'Hello <b onmouseover=alert(1)>world</b>' },
  { name: 'object in list', markdown: '- <object data=x.swf></object>\n- <embed src=x.swf>' },
  { name: 'html in heading', markdown: '# <img src=x onerror=alert(1)> title' },
  { name: 'html in blockquote', markdown: '> <iframe src=https://evil.example></iframe>' },
  {
    name: 'html in table',
    markdown: '| a | <img src=x onerror=alert(1)> |\n| - | - |\n| <script>x</script> | 2 |',
  },
  {
    name: 'html in task list',
    markdown: '- [x] <script>alert(1)</script>\n- [ ] <svg onload=alert(1)>',
  },
  { name: 'html in footnote', markdown: 'Note[^1]\n\n[^1]: <img src=x onerror=alert(1)>' },
  {
    name: 'html in emphasis',
    markdown: '**bold <script>alert(1)</script>** and _<img src=x onerror=alert(1)>_',
  },
  { name: 'processing instruction', markdown: '<?php echo "x"; ?><img src=x onerror=alert(1)>' },
];

/** Destinations that must never become an href, however they are spelled. */
const hostileUrls: readonly (readonly [string, string])[] = [
  ['javascript', 'javascript:alert(1)'],
  ['mixed case', 'JaVaScRiPt:alert(1)'],
  ['upper case', 'JAVASCRIPT:alert(1)'],
  ['tab inside', 'java\tscript:alert(1)'],
  ['decimal entity', '&#106;avascript:alert(1)'],
  ['hex entity', '&#x6A;avascript:alert(1)'],
  ['padded entity', '&#0000106;avascript:alert(1)'],
  ['entity tab', 'jav&#x09;ascript:alert(1)'],
  ['all entities', '&#74;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)'],
  ['named colon', 'javascript&colon;alert(1)'],
  ['percent-encoded j', '%6Aavascript:alert(1)'],
  ['percent-encoded colon', 'javascript%3Aalert(1)'],
  ['comment newline', 'javascript://%0aalert(1)'],
  ['entity colon', 'jAvAsCrIpT&#58;alert(1)'],
  ['control char prefix', '\u0001javascript:alert(1)'],
  ['vbscript', 'vbscript:msgbox(1)'],
  ['vbscript mixed', 'VBScript:msgbox(1)'],
  ['data html', 'data:text/html,<script>alert(1)</script>'],
  ['data base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['data svg', 'data:image/svg+xml,<svg onload=alert(1)>'],
  ['data upper', 'DATA:text/html,x'],
  ['file', 'file:///etc/passwd'],
  ['file upper', 'FILE://c:/windows/win.ini'],
  ['blob', 'blob:https://example.com/0a0b'],
  ['about', 'about:blank'],
  ['app protocol', 'app://parley/index.html'],
  ['protocol-relative', '//evil.example/x'],
  ['relative path', '/settings'],
  ['credentials', 'https://user:pass@evil.example/'],
];

function linkShapes(label: string, url: string): XssCase[] {
  return [
    { name: `inline link, ${label}`, markdown: `[click](${url})` },
    { name: `angle link, ${label}`, markdown: `[click](<${url}>)` },
    { name: `image, ${label}`, markdown: `![x](${url})` },
    { name: `reference link, ${label}`, markdown: `[r]: ${url}\n[click][r] and [r]` },
    { name: `autolink, ${label}`, markdown: `<${url}>` },
  ];
}

/** Markdown-level tricks around links, images and code. */
const markdownTricks: readonly XssCase[] = [
  { name: 'link with title', markdown: '[a](javascript:alert(1) "title")' },
  { name: 'link with entity parens', markdown: '[a](javascript:alert&#40;1&#41;)' },
  { name: 'link with spaces', markdown: '[a](   javascript:alert(1)   )' },
  {
    name: 'link hex entity run',
    markdown: '[a](&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1))',
  },
  { name: 'nested link', markdown: '[[a](javascript:alert(1))](https://example.com)' },
  { name: 'image inside link', markdown: '[![x](javascript:alert(1))](https://example.com)' },
  {
    name: 'image inside link, remote',
    markdown: '[![x](https://evil.example/t.png)](https://example.com)',
  },
  { name: 'remote image', markdown: '![tracking pixel](https://evil.example/t.png?u=me)' },
  { name: 'image alt with quotes', markdown: '![a" onerror="alert(1)](https://example.com/x.png)' },
  { name: 'link text html', markdown: '[<img src=x onerror=alert(1)>](https://example.com)' },
  { name: 'title with handler', markdown: '[a](https://example.com "onmouseover=alert(1)")' },
  { name: 'quote in url', markdown: '[a](https://example.com/"onmouseover="alert(1))' },
  { name: 'full reference', markdown: '[click][evil]\n\n[evil]: javascript:alert(1)' },
  { name: 'collapsed reference', markdown: '[evil]: javascript:alert(1)\n[evil][]' },
  { name: 'reference with entity', markdown: '[e]: &#106;avascript:alert(1)\n[e]' },
  { name: 'reference image', markdown: '[i]: data:image/svg+xml,<svg/onload=alert(1)>\n![x][i]' },
  {
    name: 'email autolink with html',
    markdown: '<mailto:a@example.com?body=<script>alert(1)</script>>',
  },
  { name: 'www autolink literal', markdown: 'Visit www.example.com/<script>alert(1)</script> now' },
  { name: 'bare javascript text', markdown: 'javascript:alert(1) is just text' },
  { name: 'inline code html', markdown: 'Use `<script>alert(1)</script>` carefully' },
  {
    name: 'fenced html',
    markdown: '```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```',
  },
  { name: 'fenced svg unclosed', markdown: '```svg\n<svg onload=alert(1)>' },
  { name: 'fence info injection', markdown: '```" onmouseover="alert(1)\ncode\n```' },
  { name: 'fence info javascript', markdown: '```javascript:alert(1)\ncode\n```' },
  { name: 'unfinished link', markdown: 'Read [this](javascript:alert(1' },
  { name: 'unfinished angle link', markdown: 'Read [this](<javascript:alert(1)' },
  { name: 'unfinished image', markdown: '![x](data:text/html,<script>' },
  { name: 'unclosed emphasis with html', markdown: '**<img src=x onerror=alert(1)>' },
  {
    name: 'table alignment injection',
    markdown: '| a |\n| :-: |\n| <img src=x onerror=alert(1)> |',
  },
  { name: 'ordered list start', markdown: '99999999999. big\n2. next' },
  { name: 'footnote link', markdown: 'a[^x]\n\n[^x]: [b](javascript:alert(1))' },
  { name: 'strikethrough link', markdown: '~~[a](vbscript:msgbox(1))~~' },
  { name: 'null byte', markdown: '[a](java\u0000script:alert(1))' },
  { name: 'unicode escape text', markdown: '[a](\\u006Aavascript:alert(1))' },
  { name: 'backslash escapes', markdown: '[a](javascript\\:alert(1))' },
];

export const xssCorpus: readonly XssCase[] = [
  ...rawHtml,
  ...hostileUrls.flatMap(([label, url]) => linkShapes(label, url)),
  ...markdownTricks,
];
