/**
 * Tests of the ELK tool: static checks, the Kibana import against a fake, and setup, the
 * real encoder's events and the gate against a real Elasticsearch node.
 */
package com.example.tourbooking.elk;
