package dev.parley.chat.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an API method that needs no sign-in (login, sign-up, logout, token). Our own annotation rather
 * than {@code @PermitAll}: containers act on the Jakarta security annotations themselves, and Payara
 * answers a {@code @PermitAll} JAX-RS method with its own 401 before ours runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Public {
}
