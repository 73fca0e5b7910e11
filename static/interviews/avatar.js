/* The interviewer, drawn with three.js (static/vendor/three, no CDN).

   createAvatar(container, {persona, glbUrl, reducedMotion}) → {setSpeaking(on), pulse(letters), dispose()}

   Built in: a stylised head and shoulders made of primitives, coloured per persona, with idle motion
   (breathing, blinking, a slow head sway, small eye movements) and a mouth that opens with the voice.
   Speech synthesis gives no audio samples to measure, so the mouth follows an envelope: word-boundary
   events (or the caption timer) fire pulses sized by the word's length, and a syllable-rate oscillator
   fills the gaps while the voice is on.
   With a staff-uploaded GLB (glbUrl), the model replaces the built-in head; its standard mouth and blink
   morph targets (jawOpen, mouthOpen, viseme_aa …, eyeBlinkLeft/Right) are driven the same way.
   Throws when WebGL is unavailable: the caller keeps the static picture.
*/
import * as THREE from "three";

const LOOKS = {
  friendly: { suit: 0x2f7a68, shirt: 0xf6efe3, hair: 0x6b4226, skin: 0xefc3a0, lips: 0xc86f6a, rim: 0xffc857 },
  professional: { suit: 0x26345e, shirt: 0xeef2ff, hair: 0x2c2a33, skin: 0xd9a27e, lips: 0xb5645c, rim: 0x9cc0ff },
  challenging: { suit: 0x26262c, shirt: 0xd3d7e4, hair: 0x141418, skin: 0xc48865, lips: 0xa65a50, rim: 0xff8fa0 },
};
const MOUTH_MORPHS = ["jawOpen", "mouthOpen", "viseme_aa", "viseme_O", "MouthOpen", "mouth_open", "Jaw_Open", "v_aa"];
const BLINK_MORPHS = ["eyeBlinkLeft", "eyeBlinkRight", "eyesClosed", "blink", "Blink", "EyeBlink_L", "EyeBlink_R"];

export async function createAvatar(container, options = {}) {
  const look = LOOKS[options.persona] || LOOKS.professional;
  const calm = !!options.reducedMotion;
  const canvas = document.createElement("canvas");
  canvas.className = "arena__avatar-canvas";
  canvas.setAttribute("aria-hidden", "true");
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, alpha: true, powerPreference: "low-power" });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  renderer.outputColorSpace = THREE.SRGBColorSpace;

  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(26, 1, 0.05, 50);
  scene.add(new THREE.HemisphereLight(0xe4ecff, 0x2a2540, 1.6));
  const key = new THREE.DirectionalLight(0xffffff, 2.2);
  key.position.set(1.4, 2.6, 3.2);
  scene.add(key);
  const rim = new THREE.DirectionalLight(look.rim, 1.4);
  rim.position.set(-2.2, 2.2, -1.8);
  scene.add(rim);

  let rig = null;
  if (options.glbUrl) {
    try {
      rig = await loadGlb(options.glbUrl);
    } catch (error) {
      console.warn("Arena: the persona's GLB avatar did not load; using the built-in one.", error);
    }
  }
  if (!rig) rig = buildHead(look);
  scene.add(rig.root);
  camera.position.copy(rig.focus).add(new THREE.Vector3(0, 0.05, rig.distance));
  camera.lookAt(rig.focus.clone().add(new THREE.Vector3(0, -0.06 * rig.distance, 0)));

  container.append(canvas);
  const resize = () => {
    const width = Math.max(container.clientWidth, 1);
    const height = Math.max(container.clientHeight, 1);
    renderer.setSize(width, height, false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(container);
  resize();

  // Mouth envelope and idle state.
  const state = { speaking: false, mouth: 0, burst: 0, burstUntil: 0, phase: 0, blink: 0, nextBlink: 1.5, blinkStart: -1, gaze: new THREE.Vector2(), gazeTarget: new THREE.Vector2(), nextGaze: 2 };
  const timer = new THREE.Timer();
  let frame = 0;

  function tick(now) {
    frame = requestAnimationFrame(tick);
    if (document.hidden) return;
    timer.update(now);
    const dt = Math.min(timer.getDelta(), 0.1);
    const t = timer.getElapsed();
    const motion = calm ? 0.3 : 1;

    // Mouth: pulses from word boundaries plus a syllable oscillator while the voice is on.
    let target = 0;
    if (state.speaking) {
      state.phase += dt * (9 + 4 * Math.sin(t * 1.7));
      target = 0.18 + 0.42 * Math.max(0, Math.sin(state.phase));
      if (t < state.burstUntil) target = Math.max(target, state.burst * (0.55 + 0.45 * Math.abs(Math.sin(state.phase * 1.3))));
    }
    const rate = target > state.mouth ? 22 : 12; // fast attack, slower release
    state.mouth += (target - state.mouth) * Math.min(1, dt * rate);

    // Blink every 2–6 s (150 ms), gaze shifts now and then.
    if (t > state.nextBlink) {
      state.blinkStart = t;
      state.nextBlink = t + 2 + Math.random() * 4;
    }
    const since = t - state.blinkStart;
    state.blink = since >= 0 && since < 0.16 ? Math.sin((since / 0.16) * Math.PI) : 0;
    if (t > state.nextGaze) {
      state.gazeTarget.set((Math.random() - 0.5) * 0.5, (Math.random() - 0.5) * 0.3);
      state.nextGaze = t + 1.5 + Math.random() * 3;
    }
    state.gaze.lerp(state.gazeTarget, Math.min(1, dt * 6));

    rig.update({ t, motion, mouth: state.mouth, blink: state.blink, gaze: state.gaze, speaking: state.speaking });
    renderer.render(scene, camera);
  }
  frame = requestAnimationFrame(tick);

  return {
    kind: rig.kind,
    setSpeaking(on) {
      state.speaking = !!on;
    },
    pulse(letters) {
      const now = timer.getElapsed();
      state.burst = Math.min(1, 0.55 + (letters || 4) * 0.06);
      state.burstUntil = now + Math.min(0.6, 0.08 + (letters || 4) * 0.045);
    },
    dispose() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      renderer.dispose();
      canvas.remove();
    },
  };
}

/* ------------------------------------------------------------------ the built-in head */
function buildHead(look) {
  const mat = (color, roughness = 0.65, extra = {}) => new THREE.MeshStandardMaterial({ color, roughness, metalness: 0, ...extra });
  const skin = mat(look.skin, 0.6);
  const hairMat = mat(look.hair, 0.8);
  const root = new THREE.Group();

  // Shoulders and suit: a tapered body under a flattened sphere, a shirt collar in the neckline.
  const suit = mat(look.suit, 0.75);
  const torso = new THREE.Group();
  const body = new THREE.Mesh(new THREE.CylinderGeometry(0.43, 0.47, 0.9, 40), suit);
  body.scale.z = 0.62;
  body.position.y = 0.5;
  const shoulders = new THREE.Mesh(new THREE.SphereGeometry(0.45, 48, 24), suit);
  shoulders.scale.set(1.0, 0.42, 0.62);
  shoulders.position.y = 0.95;
  torso.add(body, shoulders);
  root.add(torso);
  const shirt = new THREE.Mesh(new THREE.ConeGeometry(0.11, 0.22, 32, 1, true), mat(look.shirt, 0.7, { side: THREE.DoubleSide }));
  shirt.rotation.x = Math.PI;
  shirt.position.set(0, 1.0, 0.2);
  shirt.scale.set(1, 1, 0.45);
  root.add(shirt);
  const neck = new THREE.Mesh(new THREE.CylinderGeometry(0.085, 0.1, 0.26, 24), skin);
  neck.position.y = 1.15;
  root.add(neck);

  // Head on a pivot at the top of the neck, so sway turns it naturally.
  const pivot = new THREE.Group();
  pivot.position.y = 1.22;
  root.add(pivot);
  const head = new THREE.Group();
  head.position.y = 0.22;
  pivot.add(head);
  const skull = new THREE.Mesh(new THREE.SphereGeometry(0.24, 48, 32), skin);
  skull.scale.set(0.88, 1.08, 0.94);
  head.add(skull);
  const jaw = new THREE.Mesh(new THREE.SphereGeometry(0.2, 40, 24), skin);
  jaw.scale.set(0.86, 0.7, 0.9);
  jaw.position.set(0, -0.09, 0.02);
  head.add(jaw);
  const hair = new THREE.Mesh(new THREE.SphereGeometry(0.25, 48, 24, 0, Math.PI * 2, 0, Math.PI * 0.42), hairMat);
  hair.scale.set(0.93, 1.1, 1.0);
  hair.position.set(0, 0.04, -0.03);
  hair.rotation.x = -0.45;
  head.add(hair);
  for (const side of [-1, 1]) {
    const ear = new THREE.Mesh(new THREE.SphereGeometry(0.045, 16, 12), skin);
    ear.scale.set(0.5, 1, 0.8);
    ear.position.set(side * 0.212, -0.01, 0);
    head.add(ear);
  }

  // Eyes (white, iris, pupil) in groups that squash to blink; brows above.
  const eyes = [];
  const irises = [];
  const white = mat(0xf7f7f2, 0.3);
  const iris = mat(0x3b2a20, 0.4);
  const pupil = mat(0x0c0c10, 0.2);
  for (const side of [-1, 1]) {
    const eye = new THREE.Group();
    eye.position.set(side * 0.078, 0.02, 0.195);
    const ball = new THREE.Mesh(new THREE.SphereGeometry(0.034, 24, 16), white);
    ball.scale.set(1, 0.8, 0.6);
    eye.add(ball);
    const irisGroup = new THREE.Group();
    const irisMesh = new THREE.Mesh(new THREE.CircleGeometry(0.017, 24), iris);
    irisMesh.position.z = 0.0205;
    const pupilMesh = new THREE.Mesh(new THREE.CircleGeometry(0.008, 16), pupil);
    pupilMesh.position.z = 0.021;
    irisGroup.add(irisMesh, pupilMesh);
    eye.add(irisGroup);
    const lid = new THREE.Mesh(new THREE.SphereGeometry(0.037, 24, 12, 0, Math.PI * 2, 0, Math.PI * 0.5), skin);
    lid.scale.set(1.02, 0.3, 0.7);
    lid.position.y = 0.008;
    eye.add(lid);
    head.add(eye);
    eyes.push({ eye, lid });
    irises.push(irisGroup);
    const brow = new THREE.Mesh(new THREE.BoxGeometry(0.075, 0.013, 0.018), hairMat);
    brow.position.set(side * 0.08, 0.072, 0.205);
    brow.rotation.z = side * -0.12;
    head.add(brow);
  }
  const nose = new THREE.Mesh(new THREE.SphereGeometry(0.03, 20, 16), skin);
  nose.scale.set(0.8, 1.2, 1.1);
  nose.position.set(0, -0.035, 0.225);
  head.add(nose);

  // Mouth: a dark opening inside lips; both open with the envelope.
  const mouth = new THREE.Group();
  mouth.position.set(0, -0.11, 0.19);
  head.add(mouth);
  const inner = new THREE.Mesh(new THREE.SphereGeometry(0.045, 24, 16), mat(0x3a1216, 0.9));
  inner.scale.set(1, 0.1, 0.45);
  mouth.add(inner);
  const lips = new THREE.Mesh(new THREE.TorusGeometry(0.045, 0.011, 12, 32), mat(look.lips, 0.5));
  lips.scale.set(1, 0.25, 0.6);
  mouth.add(lips);

  const baseTorso = torso.scale.y;
  return {
    kind: "builtin",
    root,
    focus: new THREE.Vector3(0, 1.36, 0),
    distance: 3.4,
    update({ t, motion, mouth: open, blink, gaze, speaking }) {
      const breath = Math.sin((t * Math.PI * 2) / 4.2);
      torso.scale.y = baseTorso * (1 + 0.01 * breath);
      pivot.position.y = 1.22 + 0.006 * breath;
      const talk = speaking ? 1.6 : 1;
      pivot.rotation.y = motion * (0.07 * Math.sin(t * 0.37) + 0.03 * Math.sin(t * 0.91));
      pivot.rotation.x = motion * (0.025 * Math.sin(t * 0.53) * talk + (speaking ? 0.015 * Math.sin(t * 3.1) : 0));
      pivot.rotation.z = motion * 0.02 * Math.sin(t * 0.29);
      inner.scale.y = 0.1 + open * 0.55;
      lips.scale.y = 0.25 + open * 0.75;
      lips.scale.x = 1 - open * 0.12;
      mouth.position.y = -0.11 - open * 0.008;
      for (const { eye } of eyes) eye.scale.y = 1 - blink * 0.92;
      for (const group of irises) group.position.set(gaze.x * 0.012, gaze.y * 0.008, 0);
    },
  };
}

/* ------------------------------------------------------------------ a staff-uploaded GLB */
async function loadGlb(url) {
  const { GLTFLoader } = await import("three/addons/loaders/GLTFLoader.js");
  const gltf = await new GLTFLoader().loadAsync(url);
  const model = gltf.scene;
  const root = new THREE.Group();
  root.add(model);

  // Fit: the model's height becomes ~1.8 units standing on y = 0 (full body) or its head near y ≈ 1.4.
  const box = new THREE.Box3().setFromObject(model);
  const size = box.getSize(new THREE.Vector3());
  const scale = size.y > 0 ? Math.min(1.8 / size.y, 100) : 1;
  model.scale.setScalar(scale);
  model.position.set(-((box.min.x + box.max.x) / 2) * scale, -box.min.y * scale, -((box.min.z + box.max.z) / 2) * scale);
  root.updateMatrixWorld(true);

  const mouths = [];
  const blinks = [];
  let headBone = null;
  model.traverse((object) => {
    if (!headBone && /head/i.test(object.name) && !/top|end/i.test(object.name)) headBone = object;
    const dictionary = object.morphTargetDictionary;
    if (!dictionary || !object.morphTargetInfluences) return;
    for (const name of MOUTH_MORPHS) if (name in dictionary) mouths.push([object, dictionary[name], name]);
    for (const name of BLINK_MORPHS) if (name in dictionary) blinks.push([object, dictionary[name]]);
  });

  const fitted = new THREE.Box3().setFromObject(model);
  const focus = new THREE.Vector3();
  if (headBone) headBone.getWorldPosition(focus);
  else focus.set(0, fitted.max.y - (fitted.max.y - fitted.min.y) * 0.1, 0);
  focus.y += 0.06;
  const height = fitted.max.y - fitted.min.y;
  const swayTarget = headBone || model;
  const rest = swayTarget.rotation.clone();
  return {
    kind: "glb",
    root,
    focus,
    distance: Math.max(1.2, Math.min(height * 1.3, 3.2)),
    update({ t, motion, mouth, blink, speaking }) {
      swayTarget.rotation.y = rest.y + motion * 0.06 * Math.sin(t * 0.37);
      swayTarget.rotation.x = rest.x + motion * (0.02 * Math.sin(t * 0.53) + (speaking ? 0.012 * Math.sin(t * 3.1) : 0));
      root.position.y = 0.004 * Math.sin((t * Math.PI * 2) / 4.2);
      for (const [mesh, index, name] of mouths) {
        // visemes look best partly open; jaw/mouth fully.
        mesh.morphTargetInfluences[index] = name.startsWith("viseme") || name === "v_aa" ? mouth * 0.8 : mouth;
      }
      for (const [mesh, index] of blinks) mesh.morphTargetInfluences[index] = blink;
    },
  };
}
