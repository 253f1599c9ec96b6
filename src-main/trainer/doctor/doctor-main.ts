import * as tf from '@tensorflow/tfjs';
import { doctorRequestSchema, type DoctorReply } from '@shared/contract/doctor';
import { openParentChannel } from '../../child/parent-channel';
import { selectBackend } from '../backend/select-backend';
import { doctorTrain } from './doctor-train';

/**
 * Entry of `basin doctor`'s child (out/main/doctor.js): puts TF.js on one backend exactly as the
 * trainer does (the same selection, the same slot environment), trains the fixed model, answers.
 */
const channel = openParentChannel();
channel.onMessage((raw) => {
  void (async () => {
    const request = doctorRequestSchema.parse(raw);
    let reply: DoctorReply;
    try {
      const selection = await selectBackend({
        forced: request.backend,
        cudaVisibleDevices: process.env.CUDA_VISIBLE_DEVICES,
        webgpuSlot: process.env.BASIN_WEBGPU_SLOT,
      });
      reply = await doctorTrain(tf, request.steps, selection.device);
    } catch (error) {
      reply = {
        backend: request.backend,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    await channel.send(reply);
    process.exit(0);
  })();
});
