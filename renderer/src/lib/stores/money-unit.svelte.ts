/**
 * The money unit figures are read in (USD bn / mn / thousand), chosen once in the shell beside the language and
 * remembered the same way. Every money format of lib/format.ts and every chart reads it, so a switch redraws them.
 */
import { DEFAULT_MONEY_UNIT, isMoneyUnit, type MoneyUnit } from '../../../../db/common/units.ts';
import { router } from './router.svelte.ts';

/** Where the choice is remembered: the app origin's localStorage, per user profile (as the language). */
export const MONEY_UNIT_STORAGE_KEY = 'tradebrief.moneyUnit';

class MoneyUnitState {
  /** The user's choice. */
  chosen = $state<MoneyUnit>(DEFAULT_MONEY_UNIT);
  /**
   * The unit figures are shown in: a print route's `?unit=` while it is shown (so a print made outside the user's
   * profile, as `npm run print -- --unit mn` does, uses the unit asked for, and leaving it changes nothing), else
   * the choice.
   */
  get unit(): MoneyUnit {
    const requested = router.route.view === 'print' ? router.route.query['unit'] : undefined;
    return isMoneyUnit(requested) ? requested : this.chosen;
  }
}
export const moneyUnit = new MoneyUnitState();

/** Makes `unit` the one figures are shown in; an unknown value changes nothing. */
export function setMoneyUnit(unit: string, remember = true): void {
  if (!isMoneyUnit(unit)) return;
  moneyUnit.chosen = unit;
  if (!remember) return;
  try {
    localStorage.setItem(MONEY_UNIT_STORAGE_KEY, unit);
  } catch {
    // Storage refused (a locked-down profile): the choice holds until the window closes.
  }
}

/** At start: the remembered choice, else the default. */
export function startMoneyUnit(): void {
  let remembered: string | null;
  try {
    remembered = localStorage.getItem(MONEY_UNIT_STORAGE_KEY);
  } catch {
    // Storage refused: the default until a choice is made.
    return;
  }
  if (remembered !== null) setMoneyUnit(remembered, false);
}
