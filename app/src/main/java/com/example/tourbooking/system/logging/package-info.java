/**
 * The application side of the log pipeline: the fields every JSON event carries,
 * per-request context, access events, and shipping to Logstash.
 */
package com.example.tourbooking.system.logging;
