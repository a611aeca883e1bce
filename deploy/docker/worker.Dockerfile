# The Rollwright worker. Build from the repository root after ./mvnw -q -B package -DskipTests:
#   docker build -f deploy/docker/worker.Dockerfile -t rollwright-worker:0.1.0 .
FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --no-create-home rollwright
COPY worker/target/rollwright-worker.jar /app/rollwright-worker.jar
USER 10001
EXPOSE 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/rollwright-worker.jar"]
