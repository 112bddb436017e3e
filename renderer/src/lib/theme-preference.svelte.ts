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
  readonly #root: HTMLElement;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'>;

  constructor(root: HTMLElement, storage: Pick<Storage, 'getItem' | 'setItem'>) {
    this.#root = root;
    this.#storage = storage;
    const stored = storage.getItem(STORAGE_KEY);
    this.choose(isThemeChoice(stored) ? stored : 'system');
  }

  choose(choice: ThemeChoice): void {
    this.choice = choice;
    if (choice === 'system') delete this.#root.dataset.theme;
    else this.#root.dataset.theme = choice;
    this.#storage.setItem(STORAGE_KEY, choice);
  }
}
