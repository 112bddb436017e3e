export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const STORAGE_KEY = 'eventfold.theme';

const isThemeChoice = (value: unknown): value is ThemeChoice => THEME_CHOICES.includes(value as ThemeChoice);

/**
 * The user's theme choice. "system" follows prefers-color-scheme; "light" and "dark" pin the theme through the
 * root's data-theme attribute, which sets color-scheme and so every light-dark() colour in theme.css.
 */
export class ThemePreference {
  choice = $state<ThemeChoice>('system');
  #systemDark = $state(false);
  readonly #root: HTMLElement;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'>;

  /** `systemDark` is the page's prefers-color-scheme: dark query, so "toggle theme" knows what is showing. */
  constructor(
    root: HTMLElement,
    storage: Pick<Storage, 'getItem' | 'setItem'>,
    systemDark?: Pick<MediaQueryList, 'matches' | 'addEventListener'>,
  ) {
    this.#root = root;
    this.#storage = storage;
    this.#systemDark = systemDark?.matches ?? false;
    systemDark?.addEventListener('change', (event) => (this.#systemDark = event.matches));
    const stored = storage.getItem(STORAGE_KEY);
    this.choose(isThemeChoice(stored) ? stored : 'system');
  }

  /** The theme on screen now. */
  get effective(): 'light' | 'dark' {
    if (this.choice !== 'system') return this.choice;
    return this.#systemDark ? 'dark' : 'light';
  }

  choose(choice: ThemeChoice): void {
    this.choice = choice;
    if (choice === 'system') delete this.#root.dataset.theme;
    else this.#root.dataset.theme = choice;
    this.#storage.setItem(STORAGE_KEY, choice);
  }
}
