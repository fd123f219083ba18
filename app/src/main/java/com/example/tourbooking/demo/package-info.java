/**
 * Demo data for the embedded default, so a fresh clone has something to browse and book.
 * No other runtime kind seeds anything.
 */
package com.example.tourbooking.demo;
