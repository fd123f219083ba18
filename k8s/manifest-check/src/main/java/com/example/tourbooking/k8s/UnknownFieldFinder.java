package com.example.tourbooking.k8s;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Walks an object bound to the fabric8 model and reports every value the model could not
 * place: the model keeps fields it does not know (and values it could not convert) in
 * {@code additionalProperties} instead of failing, so an empty map everywhere means every
 * field was known and well typed.
 */
final class UnknownFieldFinder {

	private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

	/**
	 * A value the model could not place.
	 *
	 * @param path where it is, as a JSON pointer
	 * @param ownerType the model type it was found in
	 * @param knownField whether the type has a field of that name (then the value has the
	 * wrong type)
	 */
	record Unmatched(String path, String ownerType, boolean knownField) {
	}

	List<Unmatched> find(Object resource) {
		List<Unmatched> found = new ArrayList<>();
		walk(resource, "", found);
		return found;
	}

	private void walk(Object value, String path, List<Unmatched> found) {
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				walk(list.get(i), path + "/" + i, found);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> walk(item, path + "/" + key, found));
			return;
		}
		if (value == null || !value.getClass().getName().startsWith(MODEL_PACKAGE)) {
			return;
		}
		List<Field> properties = jsonProperties(value.getClass());
		for (Map.Entry<String, Object> extra : additionalProperties(value).entrySet()) {
			boolean known = properties.stream().anyMatch((field) -> jsonName(field).equals(extra.getKey()));
			found.add(new Unmatched(path + "/" + extra.getKey(), value.getClass().getSimpleName(), known));
		}
		for (Field field : properties) {
			walk(read(field, value), path + "/" + jsonName(field), found);
		}
	}

	private static List<Field> jsonProperties(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && field.isAnnotationPresent(JsonProperty.class)) {
					fields.add(field);
				}
			}
		}
		return fields;
	}

	private static String jsonName(Field field) {
		String name = field.getAnnotation(JsonProperty.class).value();
		return name.isEmpty() ? field.getName() : name;
	}

	private static Object read(Field field, Object owner) {
		try {
			field.setAccessible(true);
			return field.get(owner);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot read " + field + " of the Kubernetes model", ex);
		}
	}

	private static Map<String, Object> additionalProperties(Object value) {
		try {
			Method getter = value.getClass().getMethod("getAdditionalProperties");
			Object properties = getter.invoke(value);
			if (properties instanceof Map<?, ?> map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> typed = (Map<String, Object>) map;
				return typed;
			}
			return Map.of();
		}
		catch (NoSuchMethodException ex) {
			return Map.of();
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read the unknown fields of " + value.getClass().getName(), ex);
		}
	}

}
