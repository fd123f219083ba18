package com.example.tourbooking.system.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import com.example.tourbooking.system.PageController;

/**
 * Page forms bind only what they declare: a record's constructor arguments, or the fields
 * a controller allows ({@code WebDataBinder#setAllowedFields}). Without it, Spring binds
 * every request parameter as a property path after the constructor has run, so an
 * anonymous {@code POST /signup} with {@code name.x=1}, or {@code from.year=1} on the
 * home page, walked into the form's values and ended in a 500 (read in
 * {@code DataBinder}: {@code shouldNotBindPropertyValues} skips that step only for
 * declarative binding).
 */
@ControllerAdvice(annotations = PageController.class)
class PageFormBinding {

	@InitBinder
	void bindOnlyDeclaredFields(WebDataBinder binder) {
		binder.setDeclarativeBinding(true);
	}

}
