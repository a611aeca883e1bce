package io.rollwright.activities.traffic.kubernetes;

import io.rollwright.activities.ExtensionSet;
import io.rollwright.activities.preflight.PreflightCheck;
import io.rollwright.activities.traffic.TrafficRouter;
import io.rollwright.activities.traffic.WorkloadManager;
import io.rollwright.api.PreflightResult;
import io.rollwright.api.ResolvedRelease;
import io.rollwright.api.TrafficTarget;
import io.rollwright.policy.PreflightSettings;
import io.rollwright.policy.ReleasePolicy;
import io.rollwright.policy.Violations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes extension set of a worker that serves several clusters: a declared target's
 * environment goes to its cluster, every other environment to the worker's own. It offers the same
 * routers, workload managers and checks, by the same names, as one cluster's set; each call goes to
 * the set of the cluster of the release's environment.
 */
public final class KubernetesTargets implements ExtensionSet, AutoCloseable {
  private final Kubernetes own;
  private final Map<String, Kubernetes> byEnvironment;
  private final Map<Kubernetes, Map<String, WorkloadManager>> workloads = new HashMap<>();
  private final Map<Kubernetes, Map<String, PreflightCheck>> checks = new HashMap<>();

  /**
   * {@code own}: the worker's own cluster's set; {@code byEnvironment}: the set of each declared
   * target's cluster, by the target's environment (targets in one cluster share its set).
   */
  public KubernetesTargets(Kubernetes own, Map<String, Kubernetes> byEnvironment) {
    this.own = own;
    this.byEnvironment = Map.copyOf(byEnvironment);
    for (Kubernetes set : sets()) {
      workloads.put(set, set.workloads());
      Map<String, PreflightCheck> named = new LinkedHashMap<>();
      set.preflightChecks().forEach(c -> named.put(c.name(), c));
      checks.put(set, named);
    }
  }

  /** The set of the cluster {@code environment}'s releases go to. */
  Kubernetes at(String environment) {
    return byEnvironment.getOrDefault(environment, own);
  }

  private Set<Kubernetes> sets() {
    Set<Kubernetes> sets = new HashSet<>();
    sets.add(own);
    sets.addAll(byEnvironment.values());
    return sets;
  }

  @Override
  public Map<String, TrafficRouter> routers() {
    Map<String, TrafficRouter> routers = new LinkedHashMap<>();
    own.routers().keySet().forEach(name -> routers.put(name, new Router(name)));
    return routers;
  }

  @Override
  public Map<String, WorkloadManager> workloads() {
    Map<String, WorkloadManager> managers = new LinkedHashMap<>();
    workloads.get(own).keySet().forEach(name -> managers.put(name, new Workloads(name)));
    return managers;
  }

  @Override
  public List<PreflightCheck> preflightChecks() {
    List<PreflightCheck> all = new ArrayList<>();
    checks.get(own).keySet().forEach(name -> all.add(new Check(name)));
    return all;
  }

  @Override
  public void close() {
    sets().forEach(Kubernetes::close);
  }

  /** The router {@code name} of the cluster of each call's environment. */
  private final class Router implements KubernetesRouter {
    private final String name;

    Router(String name) {
      this.name = name;
    }

    private KubernetesRouter of(TrafficTarget t) {
      return at(t.environment()).router(name);
    }

    @Override
    public double setWeight(TrafficTarget target, double weight) {
      return of(target).setWeight(target, weight);
    }

    @Override
    public double verifyWeight(TrafficTarget target) {
      return of(target).verifyWeight(target);
    }

    @Override
    public void removeManagedRoutes(TrafficTarget target) {
      of(target).removeManagedRoutes(target);
    }

    @Override
    public void checkSettings(String field, ReleasePolicy policy, Violations v) {
      own.router(name).checkSettings(field, policy, v);
    }

    @Override
    public boolean routesCohorts() {
      return own.router(name).routesCohorts();
    }

    @Override
    public Map<String, List<String>> policySettings() {
      return own.router(name).policySettings();
    }

    @Override
    public List<KubernetesPermissions.Permission> permissions() {
      return own.router(name).permissions();
    }

    @Override
    public String missingRoute(TrafficTarget target) {
      return of(target).missingRoute(target);
    }
  }

  /** The workload manager {@code name} of the cluster of each call's environment. */
  private final class Workloads implements WorkloadManager {
    private final String name;

    Workloads(String name) {
      this.name = name;
    }

    private WorkloadManager of(TrafficTarget t) {
      return workloads.get(at(t.environment())).get(name);
    }

    @Override
    public void deployCanary(TrafficTarget target) {
      of(target).deployCanary(target);
    }

    @Override
    public boolean canaryRuns(TrafficTarget target) {
      return of(target).canaryRuns(target);
    }

    @Override
    public boolean stableRuns(TrafficTarget target) {
      return of(target).stableRuns(target);
    }

    @Override
    public void promoteStable(TrafficTarget target) {
      of(target).promoteStable(target);
    }

    @Override
    public void scaleCanaryToZero(TrafficTarget target) {
      of(target).scaleCanaryToZero(target);
    }

    @Override
    public void idleStable(TrafficTarget target) {
      of(target).idleStable(target);
    }

    @Override
    public void wakeStable(TrafficTarget target) {
      of(target).wakeStable(target);
    }
  }

  /** The pre-flight check {@code name} run against the cluster of the release's environment. */
  private final class Check implements PreflightCheck {
    private final String name;

    Check(String name) {
      this.name = name;
    }

    private PreflightCheck of(ResolvedRelease release) {
      return checks.get(at(release.request().environment())).get(name);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public PreflightResult run(ResolvedRelease release, PreflightSettings settings) {
      return of(release).run(release, settings);
    }

    @Override
    public PreflightResult runAt(
        ResolvedRelease release,
        PreflightSettings settings,
        String phase,
        String stage,
        double weight) {
      return of(release).runAt(release, settings, phase, stage, weight);
    }

    @Override
    public void checkSettings(String field, PreflightSettings settings, Violations v) {
      checks.get(own).get(name).checkSettings(field, settings, v);
    }
  }
}
