/**
 * Starts a real, single-node Elasticsearch from Maven Central jars for the ELK tests.
 */
package com.example.tourbooking.elk.node;
