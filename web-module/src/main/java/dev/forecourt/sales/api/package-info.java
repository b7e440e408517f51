/** The sales API: leads, test drives, deals and the business reports. */
package dev.forecourt.sales.api;
