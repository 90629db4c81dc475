# LedgerBridge's image for the cluster mode (docker-compose.yml): the same boot jar as the
# embedded mode, configured through the environment.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps the Maven repository between builds, so a code change does not download
# every dependency again. clean: a target/ directory copied from the host must not leak stale
# classes into the jar.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests clean package

FROM eclipse-temurin:17-jre
RUN groupadd --system ledgerbridge \
 && useradd --system --gid ledgerbridge --home-dir /app --no-create-home ledgerbridge
WORKDIR /app
COPY --from=build /src/worker/target/ledgerbridge.jar /app/ledgerbridge.jar
# The application never needs root; /app stays writable for whatever it writes relative to it.
RUN chown ledgerbridge:ledgerbridge /app
USER ledgerbridge
EXPOSE 8080
# MaxRAMPercentage: size the heap from the container's memory limit, not the host's.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/ledgerbridge.jar"]
