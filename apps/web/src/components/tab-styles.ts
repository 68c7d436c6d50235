import { classNames } from "../lib/class-names.js";

/** A react-aria Tab's look: an underlined label on a line shared with the others, like the admin sections. */
export const tabStyles = ({ isSelected, isFocusVisible }: { isSelected: boolean; isFocusVisible: boolean }) =>
  classNames(
    "-mb-px cursor-default border-b-2 px-4 py-2.5 text-sm font-medium transition-colors outline-none",
    isSelected ? "border-accent-700 text-accent-800" : "border-transparent text-stone-600 hover:text-stone-900",
    isFocusVisible && "rounded-t-lg outline-2 outline-offset-2 outline-accent-600",
  );

/** A react-aria TabPanel's look: only a focus ring, for keyboard users who tab into the panel. */
export const tabPanelStyles = ({ isFocusVisible }: { isFocusVisible: boolean }) =>
  classNames("rounded-lg outline-none", isFocusVisible && "outline-2 outline-offset-4 outline-accent-600");
