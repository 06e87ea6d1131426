import type { Locator, Page } from "@playwright/test";
import { expect } from "./base-test";

/**
 * Moves a Radix radio group's choice with an arrow key, as a person does: key down, focus moves,
 * key up. Radix moves focus in a timeout and checks the newly focused radio only while an arrow
 * key is still down; `keyboard.press` releases at once, so on a loaded machine the key could be
 * up before focus arrives and nothing would be checked. Then asserts the choice moved.
 */
export async function arrowToRadio(page: Page, key: "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown", target: Locator): Promise<void> {
  await page.keyboard.down(key);
  await expect(target).toBeFocused();
  await page.keyboard.up(key);
  await expect(target).toBeChecked();
}
