package io.ledgerbridge.worker.runs;

import io.ledgerbridge.activities.runs.RunListener;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.activities.runs.RunReportActivitiesImpl;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.activities.store.RecordErrorStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives the run-report activities the application's {@link RunListener}s (metrics, API call
 * counts, notifications). The configuration builds the activities without listeners; this swaps
 * that bean for one with them, before Temporal's worker registers it. The listeners are looked up
 * when the first run reports, so no bean is created early.
 */
@Component
class RunReportWiring implements BeanPostProcessor {
  private static final Logger log = LoggerFactory.getLogger(RunReportWiring.class);

  private final ObjectProvider<RunStore> runs;
  private final ObjectProvider<JdbcTemplate> jdbc;
  private final ObjectProvider<RunListener> listeners;

  RunReportWiring(ObjectProvider<RunStore> runs, ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<RunListener> listeners) {
    this.runs = runs;
    this.jdbc = jdbc;
    this.listeners = listeners;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof RunReportActivitiesImpl) {
      return new RunReportActivitiesImpl(runs.getObject(), new RecordErrorStore(jdbc.getObject()), new AllListeners(listeners));
    }
    return bean;
  }

  /** Every {@link RunListener} bean, in order; one failing does not keep the others from hearing. */
  private static final class AllListeners implements RunListener {
    private final ObjectProvider<RunListener> provider;
    private volatile List<RunListener> resolved;

    AllListeners(ObjectProvider<RunListener> provider) {
      this.provider = provider;
    }

    private List<RunListener> all() {
      List<RunListener> current = resolved;
      if (current == null) {
        current = provider.orderedStream().toList();
        resolved = current;
      }
      return current;
    }

    @Override
    public void runStarted(RunReport run) {
      for (RunListener listener : all()) {
        safely(() -> listener.runStarted(run));
      }
    }

    @Override
    public void runFinished(FinishedRun run) {
      for (RunListener listener : all()) {
        safely(() -> listener.runFinished(run));
      }
    }

    private static void safely(Runnable call) {
      try {
        call.run();
      } catch (RuntimeException failed) {
        log.warn("A run listener failed; the other listeners and the report are unaffected", failed);
      }
    }
  }
}
