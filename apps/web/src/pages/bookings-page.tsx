import { type BookingListWhen, bookingListWhenValues } from "@bookable/validators";
import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useSearchParams } from "react-router";
import { BookingList } from "../components/booking-list.js";
import { MyWaitlistCard } from "../components/my-waitlist-card.js";
import { PageHeading } from "../components/page-heading.js";
import { SignedInOnly } from "../components/signed-in-only.js";
import { tabPanelStyles, tabStyles } from "../components/tab-styles.js";
import { WidePage } from "../components/wide-page.js";

const tabs: Record<BookingListWhen, string> = { upcoming: "Upcoming", past: "Past", cancelled: "Cancelled" };

function readWhen(value: string | null): BookingListWhen {
  return bookingListWhenValues.find((when) => when === value) ?? "upcoming";
}

/**
 * "My bookings", upcoming, past and cancelled on three tabs. The tab is kept in the address
 * (?when=past), so a reload or the back button returns to the same one.
 */
export function BookingsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const when = readWhen(searchParams.get("when"));

  return (
    <SignedInOnly title="My bookings">
      {() => (
        <WidePage>
          <title>My bookings · Bookable</title>
          <PageHeading title="My bookings" description="Times are shown in your time zone." />
          <MyWaitlistCard />
          <Tabs
            selectedKey={when}
            onSelectionChange={(key) => {
              const next = readWhen(String(key));
              setSearchParams(next === "upcoming" ? {} : { when: next }, { replace: true });
            }}
          >
            <TabList aria-label="Which bookings" className="mb-6 flex border-b border-stone-200">
              {bookingListWhenValues.map((tab) => (
                <Tab key={tab} id={tab} className={tabStyles}>
                  {tabs[tab]}
                </Tab>
              ))}
            </TabList>
            {bookingListWhenValues.map((tab) => (
              <TabPanel key={tab} id={tab} className={tabPanelStyles}>
                <BookingList when={tab} />
              </TabPanel>
            ))}
          </Tabs>
        </WidePage>
      )}
    </SignedInOnly>
  );
}
