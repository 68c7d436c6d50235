import { createBookableClient, unwrap } from "@bookable/client";

const api = createBookableClient({ baseUrl: "http://localhost:3000/api/v1" });
await api.signIn({ email: "ada@example.com", password: "correct horse battery staple" });
const [room] = unwrap(await api.GET("/resources")).items;
if (!room) throw new Error("No resources yet");
const query = { from: new Date().toISOString(), to: new Date(Date.now() + 7 * 86_400_000).toISOString() };
const [slot] = unwrap(await api.GET("/resources/{id}/availability", { params: { path: { id: room.id }, query } })).slots;
if (!slot) throw new Error("Nothing free this week");
const attendee = { name: "Ada Lovelace", email: "ada@example.com" };
const booking = unwrap(await api.POST("/bookings", { body: { resourceId: room.id, start: slot.start, attendee } }));
await api.POST("/bookings/{id}/cancel", { params: { path: { id: booking.id } }, body: { reason: "Plans changed" } });
