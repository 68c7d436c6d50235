import { ButtonLink } from "../components/button-link.js";
import { Card } from "../components/card.js";

const features = [
  {
    title: "Real availability",
    description:
      "Rooms, desks, equipment or people: each has its own opening hours, and two bookings can never overlap — the database itself refuses a double booking.",
  },
  {
    title: "Payments and reminders",
    description:
      "Take a deposit or the full price when someone books, and let Bookable send the confirmation and the reminder by email or text.",
  },
  {
    title: "Yours to run",
    description:
      "Open source under the MIT licence. Start it with one command, keep your data in your own PostgreSQL, and connect other tools through the typed API.",
  },
] as const;

/** The front door: what Bookable is, and one clear way in. */
export function HomePage() {
  return (
    <>
      <title>Bookable — open-source booking</title>
      <section className="mx-auto w-full max-w-5xl px-4 pt-16 pb-12 sm:px-6 sm:pt-24 sm:pb-16">
        <p className="text-sm font-semibold tracking-wide text-accent-700 uppercase">Open-source booking platform</p>
        <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-balance text-stone-900 sm:text-5xl">
          Let people book your rooms, equipment and time — without the back-and-forth.
        </h1>
        <p className="mt-5 max-w-2xl text-lg text-pretty text-stone-600">
          Bookable shows what is free, takes the booking and the payment, and reminds everyone before it starts. Run it yourself,
          shape it to your needs.
        </p>
        <div className="mt-8 flex flex-col gap-3 sm:flex-row">
          <ButtonLink to="/resources" size="large">
            Find a time to book
          </ButtonLink>
          <ButtonLink to="/sign-up" variant="secondary" size="large">
            Create your account
          </ButtonLink>
        </div>
      </section>

      <section
        id="features"
        aria-labelledby="features-heading"
        className="mx-auto w-full max-w-5xl scroll-mt-6 px-4 pb-20 sm:px-6"
      >
        <h2 id="features-heading" className="sr-only">
          What Bookable does
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title} className="flex">
              <Card title={feature.title} headingLevel={3} className="flex-1 !p-6">
                <p className="-mt-3 text-sm leading-relaxed text-stone-600">{feature.description}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
