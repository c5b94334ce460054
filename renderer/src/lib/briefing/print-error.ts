/**
 * A print layout that failed, for the printer waiting on the page (print-ready.ts). Apart from the rest of print-ready.ts
 * so that the shell, which reports a print layout whose code did not load, does not load the print code.
 */

/** `route`: the hash the failed layout was for (the one shown, unless said). */
export function markPrintError(message: string, route: string = location.hash): void {
  document.body.dataset['printRoute'] = route;
  document.body.dataset['printError'] = message;
}
