/**
 * The web site tested end to end in a real headless Chromium: the journeys of a
 * traveller, a guide and an admin, accessibility (axe-core) on every page, and the
 * screenshots in {@code docs/screenshots/}.
 */
package com.example.tourbooking.site;
