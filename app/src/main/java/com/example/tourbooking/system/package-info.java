/**
 * Cross-cutting concerns: security and token signing, RFC 9457 problem responses, API
 * documentation. Features depend on this package; it depends on no feature.
 */
package com.example.tourbooking.system;
