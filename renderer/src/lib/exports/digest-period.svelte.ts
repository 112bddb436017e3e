import type { ReportRequest } from '../../../../shared/contract.js';
import { addDays } from '../journal/local-days.js';

/** The periods the journal's Report… offers: the usual ones, or any days. */
export type PeriodChoice = 'this-month' | 'last-month' | 'this-year' | 'custom';

export const PERIOD_CHOICES: readonly (readonly [PeriodChoice, string])[] = [
  ['this-month', 'This month'],
  ['last-month', 'Last month'],
  ['this-year', 'This year'],
  ['custom', 'Custom…'],
];

/** The longest period a digest covers (the Node side refuses more, naming the limit). */
export const MAX_DIGEST_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A journal digest request without its format: what the report dialog previews and saves. */
export type DigestSubject = Omit<Extract<ReportRequest, { kind: 'journal-digest' }>, 'format'>;

/**
 * The journal's Report… period picker: a choice of period (days of the user's time zone, counted from
 * `today`), custom days checked as they are typed, and every channel or the open one. `subject` is the
 * report request once the period is one, and `problem` says what is wrong with it when not.
 */
export class DigestPeriod {
  choice = $state<PeriodChoice>('this-month');
  customFrom = $state('');
  customTo = $state('');
  onlyChannel = $state(false);

  constructor(
    /** Today, `YYYY-MM-DD`, in `timeZone`. */
    readonly today: string,
    readonly timeZone: string,
    /** The channel open in the journal view, if any: "only this channel" picks it. */
    readonly channel: string | null,
  ) {
    // Custom starts from this month, so that changing one day is all it takes.
    this.customFrom = `${today.slice(0, 7)}-01`;
    this.customTo = today;
  }

  /** The days of the period, or null while a custom period is not a valid one. */
  readonly days = $derived.by((): { readonly from: string; readonly to: string } | null => {
    const month = this.today.slice(0, 7);
    switch (this.choice) {
      case 'this-month':
        return { from: `${month}-01`, to: this.today };
      case 'last-month': {
        const last = addDays(`${month}-01`, -1);
        return { from: `${last.slice(0, 7)}-01`, to: last };
      }
      case 'this-year':
        return { from: `${this.today.slice(0, 4)}-01-01`, to: this.today };
      case 'custom':
        return customProblem(this.customFrom, this.customTo) === null
          ? { from: this.customFrom, to: this.customTo }
          : null;
    }
  });

  /** What is wrong with a custom period, in words a user can act on; null when nothing is. */
  readonly problem = $derived(
    this.choice === 'custom' ? customProblem(this.customFrom, this.customTo) : null,
  );

  readonly subject = $derived.by((): DigestSubject | null => {
    const days = this.days;
    if (days === null) return null;
    return {
      kind: 'journal-digest',
      from: days.from,
      to: days.to,
      timeZone: this.timeZone,
      ...(this.onlyChannel && this.channel !== null ? { channel: this.channel } : {}),
    };
  });

  /** The dialog's title: `Journal digest, 2026-03-01 to 2026-03-31`. */
  readonly title = $derived.by(() => {
    const days = this.days;
    if (days === null) return 'Journal digest';
    return `Journal digest, ${days.from === days.to ? days.from : `${days.from} to ${days.to}`}`;
  });
}

function isDay(text: string): boolean {
  return DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

function customProblem(from: string, to: string): string | null {
  if (!isDay(from)) return 'Choose the first day of the period.';
  if (!isDay(to)) return 'Choose the last day of the period.';
  if (from > to) return 'The period ends before it starts: the last day must be on or after the first.';
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (days > MAX_DIGEST_DAYS)
    return `A digest covers at most ${MAX_DIGEST_DAYS} days; this period has ${days.toLocaleString('en-US')}.`;
  return null;
}
