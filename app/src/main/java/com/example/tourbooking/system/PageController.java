package com.example.tourbooking.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * Marks a controller that renders web pages rather than the JSON API: its failures become
 * friendly HTML pages (never problem JSON), and it is served by the session-based page
 * security chain.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {

	/**
	 * The bean name, if one is needed.
	 * @return the suggested bean name
	 */
	@AliasFor(annotation = Controller.class)
	String value() default "";

}
