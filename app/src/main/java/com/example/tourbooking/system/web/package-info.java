/**
 * The web site's plumbing shared by every feature's pages: the session-based security
 * chain, friendly error pages, locale selection and formatting helpers for templates.
 */
package com.example.tourbooking.system.web;
