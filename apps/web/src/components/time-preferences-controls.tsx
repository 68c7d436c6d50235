import { useMemo } from "react";
import {
  Button as AriaButton,
  ComboBox,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  ToggleButton,
  ToggleButtonGroup,
  useFilter,
} from "react-aria-components";
import { classNames } from "../lib/class-names.js";
import { type HourCycle, useTimePreferences } from "../lib/time-preferences.js";
import { deviceTimeZone } from "../lib/time-preferences-store.js";
import { timeZoneOptions } from "../lib/time-zone-options.js";
import { inputStyles } from "./input-styles.js";

const hourCycles: readonly { id: HourCycle; label: string }[] = [
  { id: "h12", label: "12h" },
  { id: "h23", label: "24h" },
];

/**
 * The time zone (a searchable list of every zone the browser knows) and the 12/24-hour clock that every
 * time in the app is shown in. Both are remembered in this browser.
 */
export function TimePreferencesControls() {
  const { timeZone, hourCycle, setTimeZone, setHourCycle } = useTimePreferences();
  // Built once: short names for ~420 zones take a moment, and they only change with daylight saving time.
  const options = useMemo(() => timeZoneOptions([timeZone, deviceTimeZone()]), [timeZone]);
  const { contains } = useFilter({ sensitivity: "base" });

  return (
    // One row even on a phone: the zone takes what the clock toggle leaves.
    <div className="flex items-end gap-2 sm:max-w-md">
      <ComboBox
        className="flex min-w-0 flex-1 flex-col gap-1.5"
        defaultItems={options}
        selectedKey={timeZone}
        onSelectionChange={(key) => {
          if (typeof key === "string") setTimeZone(key);
        }}
        defaultFilter={contains}
        menuTrigger="focus"
      >
        <Label className="text-sm font-medium text-stone-800">Time zone</Label>
        <div className="relative flex">
          <Input className={classNames(inputStyles, "h-11 w-full min-w-0 pr-10 sm:h-10")} />
          <AriaButton
            aria-label="Show time zones"
            className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-lg text-stone-500 outline-none hover:text-stone-800 focus-visible:outline-2 focus-visible:outline-accent-600"
          >
            <span aria-hidden="true">▾</span>
          </AriaButton>
        </div>
        <Popover className="max-h-72 w-(--trigger-width) overflow-auto rounded-lg border border-stone-200 bg-white p-1 shadow-lg outline-none">
          <ListBox<(typeof options)[number]> className="outline-none">
            {(item) => (
              <ListBoxItem
                id={item.id}
                textValue={item.name}
                className="cursor-default rounded-md px-3 py-2 text-sm text-stone-800 outline-none data-focused:bg-accent-50 data-selected:font-semibold"
              >
                {item.name}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>

      <ToggleButtonGroup
        aria-label="Clock"
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[hourCycle]}
        onSelectionChange={(keys) => {
          const [key] = [...keys];
          if (key === "h12" || key === "h23") setHourCycle(key);
        }}
        className="flex h-11 shrink-0 overflow-hidden rounded-lg border border-stone-300 sm:h-10"
      >
        {hourCycles.map((cycle) => (
          <ToggleButton
            key={cycle.id}
            id={cycle.id}
            className={({ isSelected, isFocusVisible }) =>
              classNames(
                "px-3 text-sm font-medium outline-none",
                isFocusVisible && "outline-2 -outline-offset-2 outline-accent-600",
                isSelected ? "bg-accent-700 text-white" : "bg-white text-stone-800 hover:bg-accent-50",
              )
            }
          >
            {cycle.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </div>
  );
}
