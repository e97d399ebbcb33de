//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozfQ==
let counter = 4;
