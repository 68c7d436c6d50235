import { Link, type LinkProps } from "react-router";
import { classNames } from "../lib/class-names.js";

export interface TextLinkProps extends Omit<LinkProps, "className"> {
  className?: string;
}

/** An inline link in running text or under a form ("Forgot your password?"), underlined on hover. */
export function TextLink({ className, ...props }: TextLinkProps) {
  return (
    <Link
      {...props}
      className={classNames(
        "rounded-sm font-medium text-accent-700 underline-offset-4 hover:text-accent-800 hover:underline",
        "outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600",
        className,
      )}
    />
  );
}
