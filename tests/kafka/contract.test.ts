import { describe } from "vitest";
import { KafkaBus } from "../../pipelines/bus/kafka.ts";
import { busContract, CONTRACT_RETRIES } from "../bus/contract.ts";
import { BROKERS, freshKafka } from "./broker.ts";

describe.skipIf(!BROKERS)("Kafka", () => {
  busContract("kafka", () => KafkaBus.connect({ ...freshKafka(), ...CONTRACT_RETRIES, restarts: 1 }, () => {}));
});
