/**
 * The web site's plumbing shared by every feature's pages: the session-based security
 * chain, friendly error pages, locale selection, the signed-in check of the layout.
 */
package com.example.tourbooking.system.web;
