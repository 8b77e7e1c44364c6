-- One database per ConPaaS service (each runs its own Flyway migrations on start).
CREATE DATABASE conpaas_identity;
CREATE DATABASE conpaas_app;
CREATE DATABASE conpaas_vpn;
CREATE DATABASE conpaas_cert;
CREATE DATABASE conpaas_provisioning;
CREATE DATABASE keycloak;
