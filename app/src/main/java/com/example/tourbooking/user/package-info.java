/**
 * Users, sign-up, login and roles. Its API to other features: {@link CurrentUser} (who is
 * calling) and {@link Role}.
 */
package com.example.tourbooking.user;
