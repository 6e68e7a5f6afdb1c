package dev.meshoperator.reconcile;

import dev.meshoperator.owncrd.OwnCrdUpgrade;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * One acting operator per cluster: replicas (and the old and new pod of a rolling update) compete
 * for the Lease {@value #LEASE} in the operator's namespace; only its holder starts the
 * controllers, and a holder that loses it exits (the operator SDK's default) so that the kubelet
 * restarts it as a follower. The holder also creates Istio's CRDs in a cluster without them ({@link
 * IstioCrdsOnStart}). Active in the prod profile, that is in every packaged operator (the tests'
 * in-process operator runs alone).
 */
public class LeaderElectionProducer {

  public static final String LEASE = "mesh-operator";

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(
      KubernetesClient client, IstioCrdsOnStart crds, OwnCrdUpgrade ownCrd) {
    String namespace =
        OperatorNamespace.get()
            .or(() -> Optional.ofNullable(client.getConfiguration().getNamespace()))
            .orElse("default");
    // The pod's name when it runs in a pod; host and process otherwise, so two local runs differ.
    String identity =
        env("POD_NAME").orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName());
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE)
        .withLeaseNamespace(namespace)
        .withIdentity(identity)
        // The operator SDK starts the controllers after this; losing the lease ends the process.
        // Its own CRD first, so that the controllers read installations through the new schema.
        .withLeaderCallbacks(
            new LeaderCallbacks(
                () -> {
                  ownCrd.run();
                  crds.begin();
                },
                () -> {},
                leader -> {}))
        .build();
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
  }
}
