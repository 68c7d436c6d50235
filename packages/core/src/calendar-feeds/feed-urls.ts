/** Where the feeds are served (apps/server calendar-feed-plugin.ts answers these paths). */
export const FEEDS_PATH = "/api/v1/feeds";

export interface FeedUrls {
  /** The feed over the app's own scheme (https in production): for "subscribe from URL" fields and copying. */
  url: string;
  /** The same feed as a `webcal://` link: clicking it opens the system's calendar app to subscribe. */
  webcalUrl: string;
}

export function personalFeedUrls(publicUrl: string, token: string): FeedUrls {
  return feedUrls(publicUrl, `${FEEDS_PATH}/${token}.ics`);
}

export function resourceFeedUrls(publicUrl: string, token: string, resourceId: string): FeedUrls {
  return feedUrls(publicUrl, `${FEEDS_PATH}/${token}/resources/${resourceId}.ics`);
}

function feedUrls(publicUrl: string, path: string): FeedUrls {
  const url = new URL(path, publicUrl).href;
  // webcal:// names no transport; calendar apps fetch it over https (or http, which a development server speaks).
  return { url, webcalUrl: url.replace(/^https?:/, "webcal:") };
}
