/**
 * The ELK command-line tool: {@code setup} applies elk/ to Elasticsearch and Kibana,
 * {@code verify} counts a version's events, {@code gate} decides whether a deploy stays,
 * and {@code check} runs the static checks of the Logstash pipelines and Kibana objects.
 */
package com.example.tourbooking.elk;
