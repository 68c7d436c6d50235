import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useSearchParams } from "react-router";
import { BookingList } from "../components/booking-list.js";
import { MyWaitlistCard } from "../components/my-waitlist-card.js";
import { PageHeading } from "../components/page-heading.js";
import { SignedInOnly } from "../components/signed-in-only.js";
import { tabPanelStyles, tabStyles } from "../components/tab-styles.js";
import { WidePage } from "../components/wide-page.js";

type When = "upcoming" | "past";

/**
 * "My bookings", upcoming and past on two tabs. The tab is kept in the address (?when=past), so a
 * reload or the back button returns to the same one.
 */
export function BookingsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const when: When = searchParams.get("when") === "past" ? "past" : "upcoming";

  return (
    <SignedInOnly title="My bookings">
      {() => (
        <WidePage>
          <title>My bookings · Bookable</title>
          <PageHeading title="My bookings" description="Times are shown in your time zone." />
          <MyWaitlistCard />
          <Tabs
            selectedKey={when}
            onSelectionChange={(key) => setSearchParams(key === "past" ? { when: "past" } : {}, { replace: true })}
          >
            <TabList aria-label="Which bookings" className="mb-6 flex border-b border-stone-200">
              <Tab id="upcoming" className={tabStyles}>
                Upcoming
              </Tab>
              <Tab id="past" className={tabStyles}>
                Past
              </Tab>
            </TabList>
            <TabPanel id="upcoming" className={tabPanelStyles}>
              <BookingList when="upcoming" />
            </TabPanel>
            <TabPanel id="past" className={tabPanelStyles}>
              <BookingList when="past" />
            </TabPanel>
          </Tabs>
        </WidePage>
      )}
    </SignedInOnly>
  );
}
