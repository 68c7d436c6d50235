import { Link, type LinkProps } from "react-router";
import { classNames } from "../lib/class-names.js";
import { type ButtonStyleOptions, buttonStyles } from "./button-styles.js";

export interface ButtonLinkProps extends Omit<LinkProps, "className">, ButtonStyleOptions {
  className?: string;
}

/** A client-side navigation link that looks like a button: it goes somewhere, so it stays a link. */
export function ButtonLink({ variant, size, fullWidth, className, ...props }: ButtonLinkProps) {
  return <Link {...props} className={classNames(buttonStyles({ variant, size, fullWidth }), className)} />;
}
