/**
 * The tour-booking service. Each sub-package is one feature (an application module):
 * {@code user}, {@code tour}, {@code reservation}, plus {@code system} for cross-cutting
 * concerns and {@code demo} for the demo data of the embedded default.
 */
package com.example.tourbooking;
