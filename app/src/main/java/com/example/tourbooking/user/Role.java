package com.example.tourbooking.user;

/**
 * What a user may do: customers book, guides also run tours, admins manage everything.
 */
public enum Role {

	CUSTOMER, GUIDE, ADMIN

}
