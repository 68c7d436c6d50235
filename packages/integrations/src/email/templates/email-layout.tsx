/** @jsxRuntime automatic @jsxImportSource react */
// The pragma keeps the automatic JSX runtime under every tool that compiles this file (tsx applies a
// package's tsconfig only to files it includes, so a server run from source would fall back to React.createElement).
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import type { BookingEmailDetails } from "./email-data.js";
import { bookingTimes, greeting } from "./format.js";

// Inline styles only: email clients ignore most <style> blocks. One column, 560px, system fonts.
const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const ACCENT = "#1d4ed8";

const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: FONT, margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, margin: "0 auto", padding: "32px" },
  brand: { color: ACCENT, fontSize: 18, fontWeight: 700, lineHeight: "24px", margin: "0 0 16px" },
  heading: { color: "#18181b", fontSize: 22, fontWeight: 700, lineHeight: "30px", margin: "0 0 16px" },
  text: { color: "#27272a", fontSize: 15, lineHeight: "24px", margin: "0 0 16px" },
  facts: { backgroundColor: "#f4f4f5", borderRadius: 6, margin: "8px 0 24px", padding: "12px 16px" },
  fact: { color: "#27272a", fontSize: 15, lineHeight: "22px", margin: "4px 0" },
  action: { margin: "8px 0 24px" },
  button: {
    backgroundColor: ACCENT,
    borderRadius: 6,
    color: "#ffffff",
    fontSize: 15,
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
  fallback: { color: "#71717a", fontSize: 13, lineHeight: "20px", margin: "0 0 16px", wordBreak: "break-all" },
  link: { color: ACCENT },
  hr: { borderColor: "#e4e4e7", margin: "24px 0 16px" },
  footer: { color: "#71717a", fontSize: 12, lineHeight: "18px", margin: 0 },
} satisfies Record<string, CSSProperties>;

export interface EmailLayoutProps {
  /** The inbox preview line (hidden in the body, left out of the text version). */
  preview: string;
  heading: string;
  /** Ends "Bookable — you receive this because …". */
  reason: string;
  children: ReactNode;
}

export function EmailLayout({ preview, heading, reason, children }: EmailLayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Bookable</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={styles.hr} />
          <Text style={styles.footer}>Bookable — you receive this because {reason}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Greeting({ name }: { name: string }) {
  return <Paragraph>{greeting(name)}</Paragraph>;
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

export type Fact = readonly [label: string, value: ReactNode];

/** The key facts as "Label: value" lines on a grey panel (the same lines in the text version). */
export function Facts({ facts }: { facts: readonly Fact[] }) {
  return (
    <Section style={styles.facts}>
      {facts.map(([label, value]) => (
        <Text key={label} style={styles.fact}>
          <strong>{label}:</strong> {value}
        </Text>
      ))}
    </Section>
  );
}

/** The booking's own facts, then any the template adds. */
export function BookingFacts({ booking, extra = [] }: { booking: BookingEmailDetails; extra?: readonly Fact[] }) {
  return (
    <Facts
      facts={[
        ["Booking", booking.resourceName],
        ["When", bookingTimes(booking).combined],
        ["Seats", String(booking.seats)],
        ...extra,
      ]}
    />
  );
}

/**
 * The one call to action: a button, then the bare link for clients that break buttons. The text version shows the
 * button as "Label https://…", so the bare link is left out there.
 */
export function CallToAction({ href, label }: { href: string; label: string }) {
  return (
    <>
      <Section style={styles.action}>
        <Button href={href} style={styles.button}>
          {label}
        </Button>
      </Section>
      <Text style={styles.fallback} data-skip-in-text={true}>
        If the button does not work, open this link:{" "}
        <Link href={href} style={styles.link}>
          {href}
        </Link>
      </Text>
    </>
  );
}

/** The footer's reason for every booking email. */
export const BOOKING_REASON = "a booking was made on Bookable with this email address.";
