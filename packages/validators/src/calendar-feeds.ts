import { z } from "zod";

const exampleToken = "bkf_Qm9va2FibGUgZmVlZCB0b2tlbg";

export const calendarFeedLinkOutput = z
  .object({
    url: z.url().meta({
      description:
        "The feed over HTTPS: paste it into a calendar app's “subscribe from URL” field. Anyone holding it can read the feed: treat it like a password.",
      example: `https://book.example.com/api/v1/feeds/${exampleToken}.ics`,
    }),
    webcalUrl: z.string().meta({
      description: "The same feed as a `webcal://` link, which opens the system's calendar app to subscribe.",
      example: `webcal://book.example.com/api/v1/feeds/${exampleToken}.ics`,
    }),
    createdAt: z.iso.datetime().meta({ description: "When this link was made (regenerating makes a new one)." }),
  })
  .meta({ id: "CalendarFeedLink", description: "A private iCalendar feed's address." });
export type CalendarFeedLinkOutput = z.infer<typeof calendarFeedLinkOutput>;

export const calendarFeedOutput = z
  .object({
    feed: calendarFeedLinkOutput.nullable().meta({ description: "Null while no link exists (never made, or revoked)." }),
  })
  .meta({
    id: "CalendarFeed",
    example: {
      feed: {
        url: `https://book.example.com/api/v1/feeds/${exampleToken}.ics`,
        webcalUrl: `webcal://book.example.com/api/v1/feeds/${exampleToken}.ics`,
        createdAt: "2026-12-01T09:00:00.000Z",
      },
    },
  });
export type CalendarFeedOutput = z.infer<typeof calendarFeedOutput>;

export const adminCalendarFeedOutput = z
  .object({
    active: z.boolean().meta({ description: "Whether the admin has a resource feed token now." }),
    createdAt: z.iso.datetime().nullable().meta({ description: "When the current token was made." }),
  })
  .meta({
    id: "AdminCalendarFeed",
    description: "The caller's admin feed token, which opens every resource's feed (`GET /resources/{id}/calendar-feed`).",
    example: { active: true, createdAt: "2026-12-01T09:00:00.000Z" },
  });
export type AdminCalendarFeedOutput = z.infer<typeof adminCalendarFeedOutput>;
