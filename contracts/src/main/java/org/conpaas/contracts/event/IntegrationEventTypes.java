package org.conpaas.contracts.event;

import org.conpaas.contracts.application.ApplicationCreated;
import org.conpaas.contracts.application.ApplicationDeleted;
import org.conpaas.contracts.application.ApplicationRenamed;
import org.conpaas.contracts.certificate.CertificateIssued;
import org.conpaas.contracts.certificate.CertificateRevoked;
import org.conpaas.contracts.identity.UserCreditChanged;
import org.conpaas.contracts.identity.UserCreditCharged;
import org.conpaas.contracts.identity.UserDisabled;
import org.conpaas.contracts.identity.UserLoginThrottled;
import org.conpaas.contracts.identity.UserRegistered;
import org.conpaas.contracts.identity.UserSessionEnded;
import org.conpaas.contracts.node.NodeBilled;
import org.conpaas.contracts.node.NodeCodeRefused;
import org.conpaas.contracts.node.NodeFailed;
import org.conpaas.contracts.node.NodeRequested;
import org.conpaas.contracts.node.NodeRunning;
import org.conpaas.contracts.node.NodeTerminated;
import org.conpaas.contracts.service.ServiceAddressesRequested;
import org.conpaas.contracts.service.ServiceCodeUploaded;
import org.conpaas.contracts.service.ServiceNodesReleased;
import org.conpaas.contracts.service.ServiceNodesRequested;
import org.conpaas.contracts.service.ServiceRemoved;
import org.conpaas.contracts.vpn.VpnAddressesAssigned;
import org.conpaas.contracts.vpn.VpnAddressesRefused;

import java.util.List;

/** Every integration event of the published language; a new event is added here. */
public final class IntegrationEventTypes {
    public static final List<Class<? extends IntegrationEvent>> ALL = List.of(
            UserRegistered.class,
            UserCreditChanged.class,
            UserCreditCharged.class,
            UserDisabled.class,
            UserSessionEnded.class,
            UserLoginThrottled.class,
            ApplicationCreated.class,
            ApplicationRenamed.class,
            ApplicationDeleted.class,
            CertificateIssued.class,
            CertificateRevoked.class,
            ServiceAddressesRequested.class,
            ServiceNodesRequested.class,
            ServiceNodesReleased.class,
            ServiceCodeUploaded.class,
            org.conpaas.contracts.service.ServiceReleaseCreated.class,
            org.conpaas.contracts.service.ServiceRolloutEnded.class,
            org.conpaas.contracts.service.ServiceLoadMeasured.class,
            org.conpaas.contracts.service.ServiceNodeWeightSet.class,
            ServiceRemoved.class,
            VpnAddressesAssigned.class,
            VpnAddressesRefused.class,
            NodeRequested.class,
            NodeRunning.class,
            NodeFailed.class,
            NodeCodeRefused.class,
            NodeTerminated.class,
            NodeBilled.class);

    private IntegrationEventTypes() {
    }
}
