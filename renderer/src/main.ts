import { mount } from 'svelte';
import App from './App.svelte';
import { connect, onHostLanguage, tellHostLanguage } from './lib/api.ts';
import { followDataChanges } from './lib/stores/data-version.svelte.ts';
import { router } from './lib/stores/router.svelte.ts';
import { FIRST_VIEW, views } from './views/registry.ts';
import { completeEnglish, followLanguage, followStoredLanguage, i18n, setLanguage, startLanguage, t } from './i18n/i18n.svelte.ts';
import { startMoneyUnit } from './lib/stores/money-unit.svelte.ts';
import { startPrintWindow } from './lib/briefing/print-start.ts';
import './styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');

router.start(FIRST_VIEW);
startMoneyUnit();
// The first view's code loads while the data connection is made (App shows it, or its load error).
void views
  .find((v) => v.id === router.route.view)
  ?.load()
  .catch(() => undefined);
// A print window's fonts and data load beside its code and the connection.
startPrintWindow(router.route);

// The language's messages load beside the data connection: the first paint is in the chosen language.
Promise.all([connect(), startLanguage()])
  .then(() => {
    // A print window draws one state of the data: it needs no events.
    if (!router.route.view.startsWith('print')) {
      followDataChanges();
      // A choice made in another window (its remembered setting changed) or, in the desktop app, in the View ›
      // Language menu or another window (main tells each); the app's menu follows the page's choice (the remembered
      // one at start). The menu's choice is remembered here: no window has kept it yet.
      followStoredLanguage();
      onHostLanguage((language) => {
        if (language !== i18n.locale) void setLanguage(language);
      });
      followLanguage(tellHostLanguage);
      tellHostLanguage(i18n.locale);
    }
    mount(App, { target });
    // The messages of the other views, after the first paint (a view opened sooner waits for them: views/registry.ts).
    void completeEnglish().catch(() => undefined);
  })
  .catch((error: unknown) => {
    target.textContent = t('app.unreachable', { message: error instanceof Error ? error.message : String(error) });
    target.setAttribute('role', 'alert');
  });
