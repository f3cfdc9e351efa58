// No Docker engine runs here, so the compose file is checked as data: the services the deployment
// needs, health checks, volumes, mounts that exist in the repo, and govkpi commands the CLI really has.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { govkpi, REPO } from "../helpers/cli.ts";
import { TOPICS } from "../../schemas/messages.ts";

const INFRA = join(REPO, "infra");
// merge keys (<<: *pipeline) as docker compose reads them
const compose = parse(readFileSync(join(INFRA, "docker-compose.yml"), "utf8"), { merge: true });
const services: Record<string, Record<string, unknown>> = compose.services;

describe("infra/docker-compose.yml", () => {
  it("has a KRaft Kafka, the topic setup, the stage workers and Grafana", () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(["kafka", "kafka-topics", "worker-parse", "worker-extract", "worker-load", "grafana"]));
    expect(services.kafka!.environment).toMatchObject({ KAFKA_PROCESS_ROLES: "broker,controller" });
  });

  it("gives every long-running service a health check", () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.restart === "no") continue;
      expect(s.healthcheck, `${name} has a healthcheck`).toMatchObject({ test: expect.any(Array) });
    }
  });

  it("declares every named volume it mounts, and mounts only paths that exist", () => {
    for (const [name, s] of Object.entries(services)) {
      for (const mount of (s.volumes as string[] | undefined) ?? []) {
        const source = mount.split(":")[0]!;
        if (source.startsWith(".")) expect(existsSync(join(INFRA, source)), `${name} mounts ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes), `${name} mounts volume ${source}`).toContain(source);
      }
    }
  });

  it("runs Grafana on a glibc (-ubuntu) image with the unsigned DuckDB plugin allowed", () => {
    expect(services.grafana!.image).toMatch(/-ubuntu$/);
    expect(services.grafana!.environment).toMatchObject({ GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS: "motherduck-duckdb-datasource" });
  });

  it("pins a DuckDB plugin that loads several query variables (0.2.1 or later) and the Grafana the dashboard tests use", () => {
    const plugin = /motherduck-duckdb-datasource-(\d+)\.(\d+)\.(\d+)\.zip/.exec(
      String((services.grafana!.environment as Record<string, string>).GF_INSTALL_PLUGINS),
    );
    expect(plugin, "the plugin is pinned to a release").not.toBeNull();
    const [major, minor, patch] = plugin!.slice(1).map(Number) as [number, number, number];
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(2001);
    const grafana = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).devDependencies["@grafana/data"];
    expect(services.grafana!.image).toBe(`grafana/grafana:${grafana}-ubuntu`);
  });

  it("starts only govkpi commands the CLI has", async () => {
    const help = (await govkpi(["--help"])).stdout;
    let checked = 0;
    for (const [name, s] of Object.entries(services)) {
      const command = s.command as string[] | undefined;
      if (!command || !(s.image === "govkpi:local")) continue;
      expect(help, `${name} runs govkpi ${command[0]}`).toMatch(new RegExp(`^\\s+${command[0]} `, "m"));
      const usage = await govkpi([command[0]!, "--help"]);
      for (const flag of command.filter((c) => c.startsWith("--"))) expect(usage.stdout, `${name}: ${command[0]} ${flag}`).toContain(flag);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("creates every topic the bus uses, with dead letters and run records kept longest", () => {
    const script = readFileSync(join(INFRA, "kafka", "create-topics.sh"), "utf8");
    for (const topic of Object.values(TOPICS)) expect(script).toMatch(new RegExp(`create ${topic.replace(".", "\\.")} \\d+`));
    expect(script).toMatch(/create reports\.dlq \d+ "\$month"/);
    expect(script).toMatch(/create runs \d+ "\$month"/);
  });

  it("runs the connectors beside the workers on Kafka, sharing the landing zone, never the warehouse", () => {
    for (const name of ["schedule", "serve"]) {
      const command = services[name]!.command as string[];
      expect(command.join(" "), name).toMatch(/--bus kafka/);
      expect(services[name]!.volumes, name).toContain("govkpi-data:/data");
      expect(services[name]!.environment, name).toMatchObject({ GOVKPI_KAFKA_BROKERS: "kafka:9092" });
    }
    expect(services.serve!.environment).toHaveProperty("GOVKPI_WEBHOOK_TOKEN");
    expect(services.schedule!.command).toEqual(expect.arrayContaining(["--metrics-port", "--sources"]));
  });
});
