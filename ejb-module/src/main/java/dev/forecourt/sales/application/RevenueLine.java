package dev.forecourt.sales.application;

import java.math.BigDecimal;

/** Closed deals of one dealership in one currency over a period: how many, and their revenue. */
public record RevenueLine(String dealershipCode, String currency, long deals, BigDecimal revenue) {}
