package dev.forecourt.platform.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JPQL query assembled from optional filters, with its parameters: a filter whose value is null
 * is left out. Clauses are fixed text written by the caller; values only ever go in as parameters.
 */
public final class Jpql {

  private final StringBuilder text;
  private final Map<String, Object> params = new LinkedHashMap<>();

  /** Starts with {@code select} (a select and from, no where) followed by {@code where 1 = 1}. */
  public Jpql(String select) {
    this.text = new StringBuilder(select).append(" where 1 = 1");
  }

  /** Adds {@code and <clause>} binding {@code :name} to {@code value}, unless the value is null. */
  public Jpql and(String clause, String name, Object value) {
    if (value != null) {
      text.append(" and ").append(clause);
      params.put(name, value);
    }
    return this;
  }

  /** Adds {@code and (<clause>)}; bind its parameters with {@link #param}. */
  public Jpql and(String clause) {
    text.append(" and (").append(clause).append(')');
    return this;
  }

  /** Binds {@code :name} to {@code value}. */
  public Jpql param(String name, Object value) {
    params.put(name, value);
    return this;
  }

  /** Adds {@code group by <expressions>}. */
  public Jpql groupBy(String expressions) {
    text.append(" group by ").append(expressions);
    return this;
  }

  /** Adds {@code order by <order>}. */
  public Jpql orderBy(String order) {
    text.append(" order by ").append(order);
    return this;
  }

  /** The query, every parameter bound. */
  public <T> TypedQuery<T> query(EntityManager em, Class<T> type) {
    TypedQuery<T> query = em.createQuery(text.toString(), type);
    params.forEach(query::setParameter);
    return query;
  }
}
