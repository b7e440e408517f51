package dev.forecourt.sales.domain;

/** Where a lead came from. */
public enum LeadSource {
  WEBSITE,
  MARKETPLACE,
  WALK_IN,
  PHONE
}
