// Auth.js endpoints (sign-in callbacks, CSRF token, session). Public by nature.
export { GET, POST } from "@/lib/auth/route-handlers";
