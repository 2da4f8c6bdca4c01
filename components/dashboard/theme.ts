export type Theme = "light" | "dark" | "system";

/** Saves the theme and applies it at once (the root layout's script applies it before first paint). */
export function setTheme(theme: Theme): void {
  localStorage.setItem("theme", theme);
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}
